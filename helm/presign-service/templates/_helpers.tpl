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

{{/* The Secret's application-secrets.yaml: API key hashes, the upload tickets' key, Redis and the JWT issuer. */}}
{{- define "presign.secretConfig" -}}
presign:
  security:
    api-keys:
      {{- toYaml .Values.secret.apiKeys | nindent 6 }}
  upload-tickets:
    secret: {{ .Values.secret.uploadTicketsSecret | default (randAlphaNum 48) | quote }}
{{- $jwt := .Values.secret.jwt }}
{{- $hasJwt := or $jwt.issuerUri $jwt.jwkSetUri }}
{{- if or .Values.secret.redisUrl $hasJwt }}
spring:
{{- if .Values.secret.redisUrl }}
  data:
    redis:
      url: {{ .Values.secret.redisUrl | quote }}
{{- end }}
{{- if $hasJwt }}
  security:
    oauth2:
      resourceserver:
        jwt:
          {{- with $jwt.issuerUri }}
          issuer-uri: {{ . | quote }}
          {{- end }}
          {{- with $jwt.jwkSetUri }}
          jwk-set-uri: {{ . | quote }}
          {{- end }}
          {{- with $jwt.audiences }}
          audiences:
            {{- toYaml . | nindent 12 }}
          {{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
The service's public URL that Uppy's upload-ticket URLs start with (presign.upload-tickets.base-url), so that they
never take their host from a request's Host header: uploadTickets.baseUrl where set; else, when the Ingress is
enabled and config sets no presign.upload-tickets.base-url of its own, the Ingress's first host (if it names one)
and first path, https when that host is in ingress.tls, http otherwise. Empty: the chart sets nothing.
*/}}
{{- define "presign.uploadTicketsBaseUrl" -}}
{{- $explicit := .Values.uploadTickets.baseUrl -}}
{{- if $explicit -}}
{{- if not (regexMatch "^https?://[^/?#]+(/[^?#]*)?$" $explicit) -}}
{{- fail (printf "uploadTickets.baseUrl (%s) must be the service's public URL: http(s)://HOST[/PATH], no query" $explicit) -}}
{{- end -}}
{{- trimSuffix "/" $explicit -}}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts (not (dig "presign" "upload-tickets" "base-url" "" .Values.config)) -}}
{{- $first := first .Values.ingress.hosts -}}
{{- $scheme := "http" -}}
{{- range .Values.ingress.tls -}}
{{- if has $first.host (default list .hosts) -}}
{{- $scheme = "https" -}}
{{- end -}}
{{- end -}}
{{- $path := "" -}}
{{- with $first.paths -}}
{{- $path = trimSuffix "/" (first .).path -}}
{{- end -}}
{{- if $first.host -}}
{{- printf "%s://%s%s" $scheme $first.host $path -}}
{{- end -}}
{{- end -}}
{{- end -}}
