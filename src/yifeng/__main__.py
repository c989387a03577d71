import sys

from yifeng.cli import main

sys.exit(main())
