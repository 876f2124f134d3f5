"""The funding atlas: which programmes of section 4 of the report can fund which mission for which public."""
