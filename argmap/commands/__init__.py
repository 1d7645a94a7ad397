"""The commands of the argmap CLI, one module each; importing a module registers its command."""
