<#-- The plain-text part of a reminder or digest: every value as written, nothing escaped. -->
${greeting}

${intro}

<#list lines as line>
- ${line.what}
<#if line.byWhen??>
  ${line.byWhen}
</#if>
  ${line.link}
  (${line.rules})

</#list>
${footer}

Turn these e-mails off: ${unsubscribeUrl}
