// The editor's starting text: the seed post's nginx-2 CloneSet before its first update
// (5 replicas, in-place updates with a 10 s grace period, one PVC per pod).
export const SEED_CLONESET_YAML = `apiVersion: apps.kruise.io/v1alpha1
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
        volumeMounts:
        - name: data-vol
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: data-vol
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 20Gi
  updateStrategy:
    type: InPlaceIfPossible
    inPlaceUpdateStrategy:
      gracePeriodSeconds: 10
`;
