"""stretchcoach: a calm command-line coach for gentle lower-back stretch routines."""

__version__ = "0.1.0"
