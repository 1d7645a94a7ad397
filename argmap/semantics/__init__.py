"""The semantics `argmap evaluate --semantics` chooses from: each one module, registered by name."""
