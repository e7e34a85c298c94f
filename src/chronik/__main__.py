from chronik.cli import main

main()
