from opentr.cli import main

main()
