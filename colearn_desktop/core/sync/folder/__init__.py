"""The sync folder: each device's own files in ``<folder>/colearn-sync/<device-id>/``.

A file-sync tool (Syncthing, Nextcloud, Dropbox, a USB stick ...) carries the folder; since
every file has one writer, the tool never has two versions of a file to reconcile (the rule
DecSync follows).
"""
