/**
 * Open data in the web app: the header's download menu (GeoJSON, CSV, OC4IDS for the current
 * filter) and the admin's import page with its validation report.
 */
import './opendata.css';
import './downloads';
import './importPage';
