"""Allow ``python -m stretchcoach``."""

from stretchcoach.cli import main

if __name__ == "__main__":
    main()
