"""How CoLearn meets the desktop outside its window, without Qt or the journal: starting at
login (:mod:`autostart`) and the desktop's notification service (:mod:`notifier`)."""
