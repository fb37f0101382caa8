## spaces-admin
