// A reception duty's form: choosing the position fills in its legal minimum of
// reception days (days required, per week or month), which the user may still change.
document.addEventListener("DOMContentLoaded", () => {
  const position = document.querySelector("select[data-reception-frequency]");
  if (!position) return;
  const defaults = JSON.parse(position.dataset.receptionFrequency);
  const days = document.getElementById("id_days_required");
  const per = document.getElementById("id_per");
  const fill = (always) => {
    const value = defaults[position.value];
    if (!value) return;
    if (days && (always || !days.value)) days.value = value[0];
    if (per && (always || !per.value)) per.value = value[1];
  };
  position.addEventListener("change", () => fill(true));
  fill(false);
});
