{{- define "gitauthd.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "gitauthd.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "gitauthd.selector" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* sqlite: true when the embedded database (and its volume) is used. */}}
{{- define "gitauthd.sqlite" -}}
{{- if not .Values.postgres.secretName -}}true{{- end -}}
{{- end -}}

{{- define "gitauthd.validate" -}}
{{- if not .Values.accessURL -}}
{{- fail "accessURL is required: the URL users and tools reach gitauthd at" -}}
{{- end -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.postgres.secretName) -}}
{{- fail "replicaCount > 1 needs PostgreSQL: set postgres.secretName (the embedded SQLite serves one replica)" -}}
{{- end -}}
{{- if and .Values.postgres.secretName (not .Values.encryptionKeys.secretName) -}}
{{- fail "with PostgreSQL every replica needs the same encryption keys: set encryptionKeys.secretName" -}}
{{- end -}}
{{- range $i, $p := .Values.externalAuth -}}
{{- if not $p.id -}}
{{- fail (printf "externalAuth[%d]: id is required" $i) -}}
{{- end -}}
{{- if $p.client_secret -}}
{{- fail (printf "externalAuth[%d] (%s): put the client secret in a Secret and name it with client_secret_from: {name, key}" $i $p.id) -}}
{{- end -}}
{{- end -}}
{{- end -}}
