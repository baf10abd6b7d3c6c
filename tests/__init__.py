"""The claimtrack test suite. Helpers are imported from here as ``tests.<module>`` (run ``pytest`` from the root)."""
