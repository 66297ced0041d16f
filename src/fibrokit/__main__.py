"""``python -m fibrokit`` runs the command line."""

from fibrokit.cli import main

if __name__ == "__main__":
    main()
