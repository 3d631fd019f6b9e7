"""The analyst's workspace: ``standoff serve``, a web app on a store.

FastAPI routes (``app.py``, ``pages.py``, ``actions.py``) render Jinja2 templates with
htmx and ECharts served from the package (``static/``, with their licences); the
:class:`~standoff.web.workspace.Workspace` holds the store and caches the standoffs it
builds; ``review.py`` is the review queue, ``uploads.py`` checks and ingests uploads,
``security.py`` the token, CSRF, CSP and size rules. See docs/workspace.md.
"""
