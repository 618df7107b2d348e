"""Starting the app: the one running copy, the Qt platform, translations, the welcome screen, stop
signals."""
