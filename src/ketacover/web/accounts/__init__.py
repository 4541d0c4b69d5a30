"""People and workspaces: who may see which cases."""
