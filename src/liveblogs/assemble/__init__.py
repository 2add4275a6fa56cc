"""assemble: one article → its frames (pipeline), the cache, the Corpus object, the Dask map."""
