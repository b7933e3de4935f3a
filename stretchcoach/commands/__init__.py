"""Click commands: each parses flags, calls the core and hands the result to ``stretchcoach.ui``."""
