"""quotes: posts → quotations with cue, speaker and how the speaker was found; speakers across a corpus."""
