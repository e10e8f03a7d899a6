// Placeholder shell until the map issue lands.
const app = document.getElementById('app');
if (app) app.textContent = 'Open Budget Map';
