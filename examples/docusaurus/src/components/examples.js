// The YAML and the scripted update both pages show.
export const nginx2 = `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: nginx-2
  labels:
    app: nginx-2
spec:
  replicas: 5
  selector:
    matchLabels:
      app: nginx-2
  template:
    metadata:
      labels:
        app: nginx-2
    spec:
      containers:
      - name: nginx
        image: nginx:alpine
  updateStrategy:
    type: InPlaceIfPossible
    inPlaceUpdateStrategy:
      gracePeriodSeconds: 10
`;

/** Settle, change the image (in place), settle: the five pods keep their names and restart once. */
export const inPlaceUpdate = `- settle: 5m
- kubectl: >-
    patch cloneset nginx-2 --type json
    -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.19.6-alpine"}]'
- settle: 5m
`;
