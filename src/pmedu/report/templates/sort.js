document.querySelectorAll("table.sortable").forEach(function(t){
 t.querySelectorAll("thead th").forEach(function(th,i){
  th.addEventListener("click",function(){
   var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),
       up=th.getAttribute("aria-sort")!=="ascending";
   t.querySelectorAll("thead th").forEach(function(h){h.removeAttribute("aria-sort");});
   th.setAttribute("aria-sort",up?"ascending":"descending");
   rows.sort(function(r,s){
    var x=r.cells[i],y=s.cells[i],a=x.getAttribute("data-sort"),c=y.getAttribute("data-sort"),d;
    if(a!==null&&c!==null){d=(a===""?-Infinity:+a)-(c===""?-Infinity:+c);}
    else{d=x.textContent.localeCompare(y.textContent,"zh");}
    return up?d:-d;});
   rows.forEach(function(r){b.appendChild(r);});});});});
