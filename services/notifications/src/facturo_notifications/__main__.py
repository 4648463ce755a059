from facturo_notifications.bootstrap import main

main()
