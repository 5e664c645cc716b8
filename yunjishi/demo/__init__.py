"""Demo data: the real union organisations of the seed articles and fictional people.

``manage.py seed_demo`` runs the steps listed in the command, one module per domain.
"""
