"""What the features share (the audit trail's seals and checkpoints among it)."""
