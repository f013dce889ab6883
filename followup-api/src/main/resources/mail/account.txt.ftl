<#-- The plain-text part of an account message (a reset link, an invitation): every value as written. -->
${greeting}

${intro}

${link}

${validity}

${footer}
