from promoplan.cli import main

main()
