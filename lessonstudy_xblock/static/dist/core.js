/* lessonstudy-xblock: static/js/core/dom.js, static/js/core/i18n.js, static/js/core/http.js, static/js/core/queue.js, static/js/core/video.js, static/js/core/views.js (minified by `make compile_assets`) */
(function(LS){"use strict";const SVG_NS="http://www.w3.org/2000/svg";const ID_ALPHABET="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";function append(node,children){for(const child of children.flat(Infinity)){if(child===null||child===undefined||child===false)continue;node.append(typeof child==="object"?child:String(child));}
return node;}
function h(tag,attrs,...children){const node=document.createElement(tag);for(const[key,value]of Object.entries(attrs||{})){if(value===null||value===undefined||value===false)continue;if(key==="text")node.textContent=value;else if(key==="class")node.className=value;else if(key==="value")node.value=value;else if(key.startsWith("on"))node.addEventListener(key.slice(2),value);else node.setAttribute(key,value===true?"":String(value));}
return append(node,children);}
function svg(tag,attrs,...children){const node=document.createElementNS(SVG_NS,tag);for(const[key,value]of Object.entries(attrs||{})){if(value!==null&&value!==undefined)node.setAttribute(key,String(value));}
return append(node,children);}
function make(tag,props,children){const attrs={};for(const[key,value]of Object.entries(props||{})){if(key==="className")attrs.class=value;else if(key==="on")Object.entries(value).forEach(([event,fn])=>{attrs["on"+event]=fn;});else attrs[key]=value;}
return h(tag,attrs,children||[]);}
function root(element){return element&&!element.querySelector&&element[0]?element[0]:element;}
function randomId(length){const bytes=new Uint8Array(length);globalThis.crypto.getRandomValues(bytes);return Array.from(bytes,(b)=>ID_ALPHABET[b%ID_ALPHABET.length]).join("");}
function clone(value){return value===undefined?undefined:JSON.parse(JSON.stringify(value));}
function sleep(ms){return new Promise((resolve)=>setTimeout(resolve,ms));}
function plainText(value){if(!value)return"";if(!/[<&]/.test(value))return value;return new DOMParser().parseFromString(value,"text/html").body.textContent||"";}
function httpUrl(value){try{const url=new URL(String(value||"").trim());return url.protocol==="http:"||url.protocol==="https:"?url.href:null;}catch(error){return null;}}
function shorten(text,length){const value=String(text||"");if(value.length<=length)return value;return length<2?"":value.slice(0,length-1)+"…";}
LS.dom={h,svg,make,root,randomId,clone,sleep,plainText,httpUrl,shorten};})(globalThis.LessonStudy=globalThis.LessonStudy||{});;
(function(LS){"use strict";function interpolate(format,values){return String(format).replace(/%\((\w+)\)s/g,(match,key)=>(key in values?String(values[key]):match));}
function catalogFor(init){if(!init)return{};return init.catalog||(globalThis.LessonStudyI18n||{})[init.language]||{};}
function translator(catalog,language){const entries=catalog||{};const gettext=(text)=>(typeof entries[text]==="string"&&entries[text]?entries[text]:text);const ngettext=(singular,plural,count)=>{const forms=entries[singular];if(!Array.isArray(forms)||!forms.length)return count===1?singular:plural;return forms[forms.length===1?0:(count===1?0:1)];};return{gettext,ngettext,interpolate,language:language||"en"};}
function forView(init){return translator(catalogFor(init),init&&init.language);}
LS.i18n={interpolate,catalogFor,translator,forView};})(globalThis.LessonStudy=globalThis.LessonStudy||{});;
(function(LS){"use strict";const RETRY_AFTER_CAP=30;const MAX_RETRIES=20;function cookie(name,cookies){const text=cookies===undefined?(globalThis.document?document.cookie:""):cookies;for(const part of text?text.split(";"):[]){const[key,...rest]=part.trim().split("=");if(key===name)return decodeURIComponent(rest.join("="));}
return"";}
function csrfToken(){return cookie("csrftoken");}
function retryAfterMs(value,now){const text=String(value||"").trim();let seconds=/^\d+(\.\d+)?$/.test(text)?Number(text):(Date.parse(text)-(now||Date.now()))/1000;if(!(seconds>0))seconds=1;return 1000*Math.min(RETRY_AFTER_CAP,seconds);}
async function request(url,body,options){const opts=options||{};const controller=opts.timeout&&globalThis.AbortController?new AbortController():null;const clock=controller&&setTimeout(()=>controller.abort(),opts.timeout);try{const response=await fetch(url,{method:"POST",credentials:"same-origin",body:JSON.stringify(body||{}),keepalive:Boolean(opts.keepalive),signal:controller&&controller.signal,headers:{"Content-Type":"application/json","Accept":"application/json","X-CSRFToken":opts.csrf===undefined?csrfToken():opts.csrf},});let data=null;try{data=await response.json();}catch(error){data=null;}
return{status:response.status,data:data&&typeof data==="object"?data:null,wait:response.status===429?retryAfterMs(response.headers.get("Retry-After")):0};}catch(error){return{status:0,data:null,wait:0};}finally{if(clock)clearTimeout(clock);}}
function client(options){const gettext=options.gettext||((text)=>text);const wait=options.wait||((ms)=>new Promise((resolve)=>setTimeout(resolve,ms)));const locks=globalThis.navigator&&globalThis.navigator.locks;let chain=Promise.resolve();function exclusive(task){const run=()=>(locks&&locks.request?locks.request(options.lockName,task):task());const result=chain.then(run,run);chain=result.catch(()=>undefined);return result;}
async function post(handler,body,requestOptions){for(let attempt=0;;attempt+=1){const answer=await request(options.url(handler),body,requestOptions);if(answer.status===429&&attempt<MAX_RETRIES){await wait(answer.wait);continue;}
if(answer.status===429){return refusal(429,gettext("The server is busy. Try again in a moment."));}
if(!answer.status){return refusal(0,gettext("The connection failed. What you wrote is kept here: try again when you are online."));}
if(answer.status>=500||!answer.data){return refusal(answer.status,gettext("The server could not answer. What you wrote is kept here: try again in a moment."));}
return{ok:answer.status>=200&&answer.status<300,status:answer.status,data:answer.data};}}
function send(handler,body){return exclusive(()=>post(handler,body));}
async function sendOrFail(handler,body,sendOptions){const result=await exclusive(()=>post(handler,body,{keepalive:sendOptions&&sendOptions.keepalive}));if(!result.ok)throw fail(result.data.error||gettext("The server could not save this. Try again."),result.status,result.data);return result.data;}
return{exclusive,post,send,sendOrFail,lockName:options.lockName};}
function refusal(status,message){return{ok:false,status,data:{error:message}};}
function fail(message,status,data){const error=new Error(message);error.field=data&&data.field;error.status=status;error.data=data||{};return error;}
LS.http={cookie,csrfToken,retryAfterMs,request,client,fail,RETRY_AFTER_CAP,MAX_RETRIES};})(globalThis.LessonStudy=globalThis.LessonStudy||{});;
(function(LS){"use strict";const TIMEOUT=15000;const FIRST_WAIT=2000;const MAX_WAIT=60000;function LessonStudyQueue(options){const prefix=options.key+":";const exclusive=options.exclusive||((task)=>task());const hook=(name,...args)=>options[name]&&options[name](...args);const sending=new Set();let memory=new Map();let persistent=true;let timer=null;let running=false;let again=false;function read(){if(persistent){try{const found=new Map();for(let i=0;i<globalThis.localStorage.length;i+=1){const name=globalThis.localStorage.key(i);const item=name&&name.startsWith(prefix)?JSON.parse(globalThis.localStorage.getItem(name)):null;if(item&&item.id)found.set(item.id,item);}
memory=found;}catch(error){persistent=false;}}
return[...memory.values()].sort((a,b)=>a.at-b.at);}
function find(id){return read().find((item)=>item.id===id);}
function put(id,item){if(item)memory.set(id,item);else memory.delete(id);try{if(persistent&&item)globalThis.localStorage.setItem(prefix+id,JSON.stringify(item));else if(persistent)globalThis.localStorage.removeItem(prefix+id);}catch(error){persistent=false;}
hook("onChange");}
function add(handler,body){const old=find(body.client_id);put(body.client_id,{id:body.client_id,handler,body,state:"waiting",tries:0,next:0,at:old?old.at:Date.now()});flush();}
function remove(id){put(id,null);}
function confirm(storedIds,scope,readAt){const confirmed=[];for(const item of read()){const where=item.stored||{at:0};if(storedIds.has(item.id)){confirmed.push(item.id);put(item.id,null);}else if(item.state==="stored"&&where.at<readAt){if(where.group_id===scope.group_id&&where.cycle===scope.cycle){put(item.id,Object.assign(item,{state:"waiting",next:0}));}else{put(item.id,null);}}}
flush();return confirmed;}
async function attempt(item){const{status,data,wait}=await LS.http.request(options.url(item.handler),item.body,{csrf:options.csrf(),timeout:TIMEOUT});if(status>=200&&status<300&&data)return{ok:true,data};if(status===429)return{wait,status};if(status>=400&&status<500&&status!==408&&data&&data.error){return{refused:true,status,error:data.error,field:data.field||null};}
return{status};}
function record(item,outcome){item.tries+=1;if(outcome.ok){const saved=outcome.data.observation||outcome.data.post||{};Object.assign(item,{state:"stored",error:null,field:null,stored:{group_id:saved.group_id,cycle:saved.cycle,at:Date.now()}});}else if(outcome.refused){Object.assign(item,{state:"refused",error:outcome.error,field:outcome.field,status:outcome.status});}else{const wait=outcome.wait||Math.min(MAX_WAIT,FIRST_WAIT*2**(item.tries-1))*(0.75+Math.random()/2);Object.assign(item,{next:Date.now()+wait,status:outcome.status});}
return item;}
async function flush(){if(running){again=true;return;}
running=true;clearTimeout(timer);let stored=0;try{do{again=false;for(;;){const due=read().find((item)=>item.state==="waiting"&&!(item.next>Date.now()));if(!due)break;const outcome=await exclusive(async()=>{const item=find(due.id);if(!item||item.state!=="waiting"||item.next>Date.now())return{skip:true};sending.add(item.id);hook("onChange");const result=await attempt(item);sending.delete(item.id);if(result.ok)hook("onStored",item,result.data);const now=find(item.id);if(now)put(item.id,record(now,result));return result;});if(outcome.skip)continue;if(outcome.ok)stored+=1;else if(!outcome.refused)break;}}while(again);}finally{running=false;schedule();}
if(stored)hook("onIdle");}
function schedule(){clearTimeout(timer);const times=read().filter((item)=>item.state==="waiting").map((item)=>item.next||0);if(times.length)timer=setTimeout(flush,Math.max(0,Math.min(...times)-Date.now()));}
function now(){for(const item of read()){if(item.state==="waiting"&&item.next>Date.now())put(item.id,Object.assign(item,{next:0}));}
flush();}
globalThis.addEventListener("online",now);document.addEventListener("visibilitychange",()=>{if(document.visibilityState==="visible")now();});globalThis.addEventListener("storage",(event)=>{if(!event.key||event.key.startsWith(prefix)){hook("onChange");hook("onIdle");schedule();}});return{add,remove,confirm,flush,now,items:()=>read().map((item)=>Object.assign({},item,{sending:sending.has(item.id)})),persistent:()=>persistent,};}
LS.queue=LessonStudyQueue;globalThis.LessonStudyQueue=LessonStudyQueue;})(globalThis.LessonStudy=globalThis.LessonStudy||{});;
(function(LS){"use strict";const YOUTUBE=/(?:youtube\.com\/(?:watch\?v=|embed\/)|youtu\.be\/)([A-Za-z0-9_-]{6,})/;const EMBED_ORIGIN="https://www.youtube-nocookie.com";function youtubeId(url){const match=String(url||"").match(YOUTUBE);return match?match[1]:null;}
function youtubeEmbed(videoId,params){const query=new URLSearchParams(params||{}).toString();return EMBED_ORIGIN+"/embed/"+encodeURIComponent(videoId)+(query?"?"+query:"");}
function hms(seconds){const s=Math.max(0,Math.floor(Number(seconds)||0));const mmss=String(Math.floor(s/60)%60).padStart(s>=3600?2:1,"0")+":"+String(s%60).padStart(2,"0");return s>=3600?Math.floor(s/3600)+":"+mmss:mmss;}
function seekAndPlay(video,seconds){const go=()=>{video.currentTime=seconds;const playing=video.play();if(playing&&playing.catch)playing.catch(()=>undefined);};if(video.readyState>=1)go();else video.addEventListener("loadedmetadata",go,{once:true});}
LS.video={youtubeId,youtubeEmbed,hms,seekAndPlay,EMBED_ORIGIN};})(globalThis.LessonStudy=globalThis.LessonStudy||{});;
(function(LS){"use strict";function setup(element,init){const node=LS.dom.root(element);return Object.assign(LS.i18n.forView(init),{root:node,$:(selector)=>node.querySelector(selector),$$:(selector)=>Array.from(node.querySelectorAll(selector)),});}
function client(runtime,element,options){const opts=options||{};const node=LS.dom.root(element);const usage=(node.getAttribute&&(node.getAttribute("data-usage-id")||node.getAttribute("data-usage")))||"block";const http=LS.http.client({url:(handler)=>runtime.handlerUrl(node,handler),lockName:opts.lockName||"lessonstudy-"+usage,gettext:opts.gettext,});return{send:http.sendOrFail,lockName:http.lockName};}
globalThis.LessonStudyCommon={setup,client,i18n:LS.i18n.translator,interpolate:LS.i18n.interpolate,root:LS.dom.root,csrfToken:LS.http.csrfToken,make:LS.dom.make,failure:(message,status,data)=>LS.http.fail(message,status,data),};})(globalThis.LessonStudy=globalThis.LessonStudy||{});
