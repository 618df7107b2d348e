"""A stand-in for the desktop's notification service on a private session bus (used by
test_due_notify.py): prints "ready" once it owns the name, then each Notify call."""

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection


@ClassInfo(**{"D-Bus Interface": "org.freedesktop.Notifications"})
class Notifications(QObject):
    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):
        print(repr((app, summary, body)), flush=True)
        return 1


if __name__ == "__main__":
    app = QCoreApplication([])
    bus = QDBusConnection.sessionBus()
    service = Notifications()
    bus.registerObject(
        "/org/freedesktop/Notifications", service, QDBusConnection.RegisterOption.ExportAllSlots
    )
    if not bus.registerService("org.freedesktop.Notifications"):
        raise SystemExit(bus.lastError().message())
    print("ready", flush=True)
    app.exec()
