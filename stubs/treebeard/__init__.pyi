# Types for the few parts of django-treebeard we use (it ships none): enough for the Django
# plugin to see Org as a model, with its fields typed. Everything else reads as Any.
