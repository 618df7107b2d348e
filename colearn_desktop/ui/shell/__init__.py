"""The application around the screens: start-up, the main window, menus, tray, single instance,
crash handling.
"""
