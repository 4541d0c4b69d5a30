"""Records brought into cases: a FHIR R4 bundle merged into a case after a preview, and a
payer's X12 835 remittance applied to the workspace's cases."""
