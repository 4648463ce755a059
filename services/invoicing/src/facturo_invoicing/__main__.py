from facturo_invoicing.bootstrap import main

main()
