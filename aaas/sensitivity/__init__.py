"""Sensitivity analysis: a layer over any model function and the parameter table.

:mod:`.ranges` gives each hypothesis its plausible range (``bas``, ``haut``, ``loi`` of
``data/parameters.csv``; empty: ±15 %, the report's own claim in 2.2.2.7);
:mod:`.engine` evaluates the model on arrays of draws in one vectorised pass per chunk,
keeping only the outputs asked for; :mod:`.oneway`, :mod:`.structural`,
:mod:`.montecarlo`, :mod:`.sobol` and :mod:`.scale` are the analyses.
"""
