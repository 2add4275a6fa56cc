"""compare: posts, quotes and times of every outlet → stories, coverage timing, outlet differences."""
