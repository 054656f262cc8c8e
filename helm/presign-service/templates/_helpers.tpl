{{- define "presign.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "presign.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "presign.selectorLabels" -}}
app.kubernetes.io/name: {{ include "presign.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "presign.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "presign.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "presign.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "presign.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "presign.secretName" -}}
{{- default (printf "%s-secrets" (include "presign.fullname" .)) .Values.secret.existingSecret -}}
{{- end -}}

{{/* The Secret's application-secrets.yaml: API key hashes, the JWT issuer and the upload tickets' key. */}}
{{- define "presign.secretConfig" -}}
presign:
  security:
    api-keys:
      {{- toYaml .Values.secret.apiKeys | nindent 6 }}
  upload-tickets:
    secret: {{ .Values.secret.uploadTicketsSecret | default (randAlphaNum 48) | quote }}
{{- with .Values.secret.jwt }}
{{- if or .issuerUri .jwkSetUri }}
spring:
  security:
    oauth2:
      resourceserver:
        jwt:
          {{- with .issuerUri }}
          issuer-uri: {{ . | quote }}
          {{- end }}
          {{- with .jwkSetUri }}
          jwk-set-uri: {{ . | quote }}
          {{- end }}
          {{- with .audiences }}
          audiences:
            {{- toYaml . | nindent 12 }}
          {{- end }}
{{- end }}
{{- end }}
{{- end -}}
