"""lossviz: the information theory behind machine-learning losses, computed and drawn."""
