"""潼南区巩固拓展脱贫攻坚成果工作专班: the work-plan accountability server."""

__version__ = "0.1.0"
