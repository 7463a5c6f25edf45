// Stylesheets are a build concern; under jest an import of .scss/.css is a no-op.
module.exports = {};
