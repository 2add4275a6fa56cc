"""text: article text → paragraphs, posts (units), sentences and tokens."""
