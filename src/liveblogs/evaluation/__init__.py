"""evaluation: frames + hand-labelled or annotated gold → accuracy; offset integrity checks."""
