"""Where events happened: the world outline (`atlas`), the map drawn from it (`drawing`) and
the check of a place's coordinates against its country (`coordinates`)."""
