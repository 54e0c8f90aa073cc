from schemaparity.cli import main

main()
