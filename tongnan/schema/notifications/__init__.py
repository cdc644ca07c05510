"""The notifications API: channels, the inbox, deliveries and dead letters, calendar feeds."""
