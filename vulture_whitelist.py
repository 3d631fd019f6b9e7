"""Names vulture reports as unused (``make lint``) that are in fact used, each with why.

vulture finds code nothing calls; `make lint` runs it (``[tool.vulture]`` in
pyproject.toml) so that dead code is deleted rather than left to rot. A name belongs
here only when something vulture cannot see uses it: a framework, a protocol, a file
format, ``getattr``. Dead code is deleted, never listed. This file is read by vulture,
never imported.
"""

# standoff.event_types: the boolean flags of an EventType are read by name
# (types_where(flag) uses getattr).
_.targeted
_.symmetric
_.answers_offer
_.demonym_targets
_.demonym_objects
_.on_the_ground

# standoff.read.lexicon: the word lists of an EventWords are read by name (load_lexicon's
# INDEXES feed each list into its reverse index).
_.verbs
_.verbs_with_object
_.adjectives
_.reported_phrases

# pydantic: configuration and serialised fields that no code reads by attribute.
_.model_config
_.schema_version  # written into every Reading and export; readers of the JSON use it
_.status_quo  # part of the scenario file format (KTAB/BDM), validated on load

# forecast.coercion_ties.TiesCases: the TIES case ids of the coded rows, kept so that each
# coded case can be traced back to its source row.
_.case_ids

# Jinja templates read these fields (web/templates/overview.html).
_.live_threats

# uvicorn's Server stops when this attribute is set (benchmarks/bench_web.py).
_.should_exit

# PEP 562 module __getattr__: standoff.show exports its functions lazily.
__getattr__

# rich reads these attributes of a table and its columns.
_.overflow
_.min_width
_.title_justify
_.quiet  # set by standoff.cli's closed-pipe handler: rich prints nothing more

# spaCy's Doc.tensor, emptied by read.chunks.parse once a piece is parsed (memory).
_.tensor

# Assigning a module's __class__ makes the package callable (standoff/entrypoints.py).
_.__class__

# The context-manager protocol names __exit__'s third parameter.
trace

# html.parser.HTMLParser calls these methods (tests/test_show_html.py).
_.handle_starttag
_.handle_startendtag
_.handle_endtag
_.handle_data

# standoff.read.pipeline: paragraph_breaks sets Token.is_sent_start, which spaCy reads when it
# builds the sentences (doc.sents); vulture sees the assignment only.
_.is_sent_start
