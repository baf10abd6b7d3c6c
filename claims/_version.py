"""The one version number shared by the package and the dataset it ships."""

__version__ = "2.0.0"
