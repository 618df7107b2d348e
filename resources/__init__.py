"""Data files shipped with the app (installed as ``colearn_desktop.resources``)."""
