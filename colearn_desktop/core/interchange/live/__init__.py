"""Live outputs: files outside the journal kept up to date after every committed change.

A calendar program subscribed to an exported ``.ics`` file only sees what the journal held
when the file was written; a live output is rewritten whenever the journal changes, so the
subscriber is never stale (issue #19).  :mod:`.outputs` holds what every live output shares
(the :class:`LiveOutput` protocol, writing a file atomically and only when its bytes change,
turning a failure into a sentence that never fails the user's save);
:mod:`.calendar_file` is the live calendar file, :mod:`.vdir_output` the live vdir (read
back, then written); :mod:`.configured` says which outputs this computer keeps
(:mod:`core.storage.local_settings`).  Another output is an object with ``name`` and
``refresh(journal) -> str``, listed in :func:`.configured.configured_outputs`.
"""
