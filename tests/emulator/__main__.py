"""python -m emulator serve|wait|stop (see cli.py)."""
import sys

from .cli import main

sys.exit(main())
