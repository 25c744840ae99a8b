"""The built-in playbook library (YAML files beside this one)."""
